"""双向承诺 page: the list at city scale, the detail, bulk actions, progress import."""
