"""Production settings: the library's public address. Used by `invoke publish`."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = "https://orstad-bibliotek.dk"
# The published site: drafts and posts scheduled for later are left out entirely.
PREVIEW = False

# Where `invoke publish --to <name>` uploads (see docs/publishing.md). Credentials never go
# here: S3 keys come from AWS_* environment variables, SSH keys from your SSH agent.
PUBLISH = {
    **PUBLISH,  # noqa: F405
    "targets": {
        # The GitHub Actions workflow publishes here: the gh-pages branch of this repository.
        "gh-pages": {"type": "gh-pages", "remote": "origin", "branch": "gh-pages"},
        # "webserver": {"type": "rsync", "destination": "library@web.example.org:/var/www/library"},
        # "bucket": {"type": "s3", "bucket": "library-site", "endpoint_url": None},
        # "share": {"type": "folder", "path": "/mnt/webshare/library"},
    },
    "precompress": ["gzip", "brotli"],
}
