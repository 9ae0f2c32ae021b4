"""轮值主席 page: the rota of every alliance, planning with a preview, swaps, serve/skip/lock."""
