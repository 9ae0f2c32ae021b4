"""QtWidgets face of Alliance Desk: main window, pages, dialogs. Imports no SQLAlchemy at start."""
