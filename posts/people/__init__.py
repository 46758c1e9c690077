"""People and historical time: who posts are about or mention, when what
they tell happened, and the pages built on that (people pages, the
timeline, "on this day"). The models are posts.models.people and the
Post's own fields; the dates are posts.historical_dates."""
