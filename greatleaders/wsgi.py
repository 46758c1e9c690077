import os

from django.core.wsgi import get_wsgi_application

from greatleaders.malformed_requests import readable_content_type

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "greatleaders.settings")

application = readable_content_type(get_wsgi_application())
