"""schema.org QAPage JSON-LD for one answered question, as a plain dict."""

from __future__ import annotations


def qa_page_json_ld(question: str, answer_text: str, url: str, asked: str, asked_by: str,
                    answered_by: str | None, library: dict, related_urls: list[str]) -> dict:
    """A QAPage whose mainEntity is the Question with its one acceptedAnswer."""
    answer = {"@type": "Answer", "text": answer_text, "url": url, "dateCreated": asked,
              "author": ({"@type": "Person", "name": answered_by} if answered_by
                         else library)}
    entity = {"@type": "Question", "name": question, "text": question, "dateCreated": asked,
              "answerCount": 1, "acceptedAnswer": answer,
              "author": {"@type": "Person", "name": asked_by}}
    data = {"@context": "https://schema.org", "@type": "QAPage", "url": url,
            "mainEntity": entity, "publisher": library}
    if related_urls:
        data["relatedLink"] = related_urls
    return data
