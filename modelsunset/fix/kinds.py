"""What kind of model an id names, from the id alone: a small table of id families.

A rewrite is a drop-in only between models of one kind: a base completion model
(``davinci-002``, ``gpt-3.5-turbo-instruct``) takes a prompt on the completions endpoint,
a chat model messages on the chat endpoint, an embedding model returns vectors; code that
calls one breaks when handed another, whatever the catalogue recommends. The catalogue
names no kind, but providers name their model families consistently, so the id says it.
The first row whose pattern matches the whole id wins; an id no row matches is ``chat``.

Kinds, in the order they are tried:

* embedding: ``text-embedding-*``, ``text-similarity-*``, ``text-search-*``,
  ``code-search-*``, ``*embedding*``;
* moderation: ``text-moderation-*``, ``omni-moderation-*``;
* image: ``dall-e-*``, ``gpt-image-*``, ``chatgpt-image-*``, ``imagen-*``, ``*-image``,
  ``*-image-*``;
* video: ``sora-*``, ``veo-*``;
* transcription: ``whisper-*``, ``*-transcribe``, ``*-transcribe-*``;
* speech: ``tts-*``, ``*-tts``, ``*-tts-*``;
* realtime: ``*realtime*``, ``*-live``, ``*-live-*``, ``gemini-live-*``,
  ``*native-audio*``;
* audio: ``*-audio``, ``*-audio-*``, ``gpt-audio*``;
* edit: ``*-edit-*``;
* completion: ``ada``, ``babbage``, ``curie``, ``davinci``, ``babbage-002``,
  ``davinci-002`` (and their ``ft-``), ``text-ada-*``, ``text-babbage-*``,
  ``text-curie-*``, ``text-davinci-*``, ``code-davinci-*``, ``code-cushman-*``,
  ``*-instruct``, ``*-instruct-*``, ``*-completions``;
* computer-use: ``computer-use*``;
* search: ``*-search-preview*``, ``*-search-api*``;
* deep-research: ``*-deep-research*``;
* chat: everything else (``gpt-*``, ``o1``, ``o3-mini``, ``claude-*``, ``gemini-*``).

Ids are compared in lower case.
"""

from __future__ import annotations

import re

_TABLE: tuple[tuple[str, str], ...] = (
    ("embedding", r"(?:text-embedding|text-similarity|text-search|code-search)-.*|.*embedding.*"),
    ("moderation", r"(?:text|omni)-moderation(?:-.*)?"),
    ("image", r"(?:dall-e|gpt-image|chatgpt-image|imagen)(?:-.*)?|.*-image(?:-.*)?"),
    ("video", r"(?:sora|veo)(?:-.*)?"),
    ("transcription", r"whisper(?:-.*)?|.*-transcribe(?:-.*)?"),
    ("speech", r"tts(?:-.*)?|.*-tts(?:-.*)?"),
    ("realtime", r".*realtime.*|.*-live(?:-.*)?|gemini-live-.*|.*native-audio.*"),
    ("audio", r".*-audio(?:-.*)?|gpt-audio.*"),
    ("edit", r".*-edit-.*"),
    (
        "completion",
        r"(?:ft-)?(?:ada|babbage|curie|davinci)(?:-002)?"
        r"|text-(?:ada|babbage|curie|davinci)-.*|code-(?:davinci|cushman)-.*"
        r"|.*-instruct(?:-.*)?|.*-completions",
    ),
    ("computer-use", r"computer-use.*"),
    ("search", r".*-search-(?:preview|api).*"),
    ("deep-research", r".*-deep-research.*"),
)
_COMPILED = tuple((kind, re.compile(pattern)) for kind, pattern in _TABLE)
CHAT = "chat"


def kind_of(model_id: str) -> str:
    """The kind of the model ``model_id`` names (see the table above)."""
    name = model_id.lower()
    for kind, pattern in _COMPILED:
        if pattern.fullmatch(name):
            return kind
    return CHAT
