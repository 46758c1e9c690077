import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "greatleaders.settings")

django_application = get_wsgi_application()

# Loaded once Django is set up: they read its settings and models.
from greatleaders.malformed_requests import readable_content_type  # noqa: E402
from greatleaders.page_cache import answer_kept_pages  # noqa: E402

application = readable_content_type(answer_kept_pages(django_application))
