"""The admin's list of models, as its front page and its menu show it."""

# django-axes's app is called "Axes" otherwise, which says nothing of what
# its tables hold.
SECURITY_APP = "axes"
SECURITY_NAME = "Security: failed log-ins and lockouts"


def with_security_last(app_list: list[dict]) -> list[dict]:
    """`app_list` (AdminSite.get_app_list's) with the log-in records of
    django-axes under a name that says what they are, after the blog's own
    sections. Only superusers see them: no role holds their permissions."""
    security = [app for app in app_list if app["app_label"] == SECURITY_APP]
    for app in security:
        app["name"] = SECURITY_NAME
    return [app for app in app_list if app["app_label"] != SECURITY_APP] + security
