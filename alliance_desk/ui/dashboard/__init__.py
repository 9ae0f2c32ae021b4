"""The 看板 charts of the home page: matplotlib figures embedded with backend_qtagg.

Importing this package is free; ``charts`` (which imports matplotlib, ~0.4 s) is
imported only after the window shows.
"""
