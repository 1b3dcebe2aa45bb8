"""Production settings (`invoke publish`, CI): the kit's defaults, then library.py.

A kit file: `invoke upgrade` replaces it and a library never edits it. The public address
(SITEURL) and the upload targets (PUBLISH["targets"]) are the library's: library.py.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# Pelican imports this file by path; the site kit lives in plugins/ beside it (appended: a
# process that already imports the kit from elsewhere, like the tests, keeps doing so).
if os.path.isdir(os.path.join(HERE, "plugins")) and os.path.join(HERE, "plugins") not in sys.path:
    sys.path.append(os.path.join(HERE, "plugins"))

from shelfcast_sitekit.librarysettings import site_settings  # noqa: E402

# The published site: drafts and posts scheduled for later are left out entirely, and the
# files are precompressed for hosts that serve .gz/.br copies.
globals().update(site_settings(__file__, {"PREVIEW": False,
                                          "PUBLISH": {"precompress": ["gzip", "brotli"]}}))
