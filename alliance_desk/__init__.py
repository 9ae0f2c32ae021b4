"""Alliance Desk (党建联盟工作台)."""
