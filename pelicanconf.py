"""Settings for a local build (`make build`, `make serve`): the kit's defaults, then library.py.

A kit file: `invoke upgrade` replaces it and a library never edits it. The library's own
settings are in library.py beside it; the kit's defaults in
plugins/shelfcast_sitekit/kitdefaults.py.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# Pelican imports this file by path; the site kit lives in plugins/ beside it (appended: a
# process that already imports the kit from elsewhere, like the tests, keeps doing so).
if os.path.isdir(os.path.join(HERE, "plugins")) and os.path.join(HERE, "plugins") not in sys.path:
    sys.path.append(os.path.join(HERE, "plugins"))

from shelfcast_sitekit.librarysettings import site_settings  # noqa: E402

globals().update(site_settings(__file__))
# The preview: library.py's SITEURL is the public address, which publishconf.py keeps.
SITEURL = "http://127.0.0.1:8000"
