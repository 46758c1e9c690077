"""`make bench`: a large site in a database of its own, loaded through the
production server with wrk; see the README's Benchmark section."""
