"""社区工作日 / 双报到双服务: unit and member reporting, posts and claims, activities and hours,
helping pairs, feedback to the units, the report and its settings, imports and exports."""
