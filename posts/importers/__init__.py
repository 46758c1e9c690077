"""Bringing content in from other blogging systems (see `wxr` for WordPress)."""
