"""The media library: images uploaded once, checked, cleaned and resized,
then shown anywhere in several widths and formats.

- models: `Image`, a picture of the library with its alt text and caption;
- checks: what an upload must be to be taken (`read_upload`);
- renditions: the widths and formats made of each image, and their names;
- uploads: `add_image(...)`, the one way an image enters the library;
- markup: how an image is shown (`picture_html`), and the body's library
  images made responsive as a post or page is saved (`responsive_body`);
- uses: where images are shown (`uses_of`), so that one in use is not deleted;
- admin: the library in the admin, and the picker the body editor opens.
"""
