"""Production settings: the library's public address. Used by `invoke publish`."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = "https://library.example.org"
FEED_DOMAIN = SITEURL
