"""Sources: the works posts cite, kept as CSL-JSON (posts.models.Source),
formatted in the Chicago notes-and-bibliography style by citeproc-py
(`csl`), cited from footnotes (`citing`), and imported from BibTeX and RIS
files (`importers`)."""
