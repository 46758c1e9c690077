"""Writing the site's content out in other blogging systems' formats."""
