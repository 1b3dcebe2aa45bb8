"""An S3 bucket or any S3-compatible store. Credentials come from the environment
(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_PROFILE...), never from the repository.

The bucket listing is the truth. A small manifest object remembers each file's SHA-256 next
to the ETag it had when we uploaded it; an entry counts only while the listed object still has
that ETag and size, so after an interrupted publish it never vouches for what is not there.
"""

from __future__ import annotations

import json
import os

from shelfcast_sitekit.mediatypes import media_type

from ..hostconfig import rule_for
from ..manifest import FileFacts
from ..plan import Changes, diff
from . import PublishError

MANIFEST_KEY = ".shelfcast-manifest.json"
SHOWN_ERRORS = 5


class S3Target:
    def __init__(self, config: dict):
        self.bucket = config["bucket"]
        self.prefix = (config.get("prefix") or "").strip("/")
        self.endpoint_url = config.get("endpoint_url")
        self.region = config.get("region")
        self.known: dict = {}   # path -> [etag, sha256, size], what the manifest object holds
        self.local: dict = {}
        self._client = None

    @property
    def client(self):
        if self._client is None:
            import boto3
            self._client = boto3.client("s3", endpoint_url=self.endpoint_url,
                                        region_name=self.region)
        return self._client

    def key(self, path: str) -> str:
        return f"{self.prefix}/{path}" if self.prefix else path

    def changes(self, output: str, local) -> Changes:
        self.local = local
        return diff(local, self.remote_manifest())

    def remote_manifest(self):
        listed = self._call(self._list)
        stored = self._call(self._read_manifest)
        manifest = {}
        for path, (etag, size) in listed.items():
            entry = stored.get(path)
            if entry and entry[0] == etag and entry[2] == size:
                manifest[path] = FileFacts(size, entry[1])
                self.known[path] = entry
            else:
                manifest[path] = FileFacts(size, "unknown")
        return manifest

    def _list(self) -> dict:
        found = {}
        start = self.key("")
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=start)
        for page in pages:
            for item in page.get("Contents", []):
                path = item["Key"][len(start):]
                if path and path != MANIFEST_KEY:
                    found[path] = (item["ETag"], item["Size"])
        return found

    def _read_manifest(self) -> dict:
        from botocore.exceptions import ClientError
        try:
            body = self.client.get_object(Bucket=self.bucket, Key=self.key(MANIFEST_KEY))["Body"]
            data = json.loads(body.read())
        except ClientError as err:
            if err.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
                return {}
            raise
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    def upload(self, output: str, paths) -> None:
        for path in paths:
            self._call(self._put, output, path)
        self._call(self._write_manifest)

    def _put(self, output: str, path: str) -> None:
        rule = rule_for(path)
        extra = {"ContentType": media_type(path)}
        if rule and rule.cache_control:
            extra["CacheControl"] = rule.cache_control
        with open(os.path.join(output, path), "rb") as body:
            reply = self.client.put_object(Bucket=self.bucket, Key=self.key(path), Body=body,
                                           **extra)
        facts = self.local[path]
        self.known[path] = [reply["ETag"], facts.sha256, facts.size]

    def delete(self, paths) -> None:
        failed = []
        for start in range(0, len(paths), 1000):
            keys = [{"Key": self.key(p)} for p in paths[start:start + 1000]]
            reply = self._call(self.client.delete_objects, Bucket=self.bucket,
                               Delete={"Objects": keys, "Quiet": True})
            # A batch delete answers 200 even when some keys were refused; those come back
            # one by one under "Errors".
            failed += reply.get("Errors") or []
        refused = {error.get("Key") for error in failed}
        for path in paths:
            if self.key(path) not in refused:
                self.known.pop(path, None)
        self._call(self._write_manifest)
        if failed:
            raise PublishError(delete_errors(self.bucket, failed))

    def finish(self, output: str, local) -> None:
        self._call(self._write_manifest)

    def _write_manifest(self) -> None:
        self.client.put_object(Bucket=self.bucket, Key=self.key(MANIFEST_KEY),
                               Body=json.dumps(self.known, sort_keys=True).encode(),
                               ContentType="application/json", CacheControl="no-store")

    def _call(self, function, *args, **kwargs):
        from botocore.exceptions import BotoCoreError, ClientError
        try:
            return function(*args, **kwargs)
        except ClientError as err:
            error = err.response.get("Error", {})
            raise PublishError(f"S3 bucket {self.bucket!r} refused: {error.get('Code')} "
                               f"{error.get('Message', '')}".strip()) from None
        except BotoCoreError as err:
            raise PublishError(f"S3 bucket {self.bucket!r}: {err}") from None


def delete_errors(bucket: str, errors: list[dict]) -> str:
    """One message for the keys a batch delete refused, the first few named with the reason."""
    shown = "; ".join(f"{error.get('Key')} ({error.get('Code')}: {error.get('Message', '')})"
                      for error in errors[:SHOWN_ERRORS])
    more = f" and {len(errors) - SHOWN_ERRORS} more" if len(errors) > SHOWN_ERRORS else ""
    return (f"S3 bucket {bucket!r} did not delete {len(errors)} file(s) no longer built: "
            f"{shown}{more}")
