"""The only code that reads content files: layout, YAML front matter, sections, cache."""

from agora.reader.corpus import Corpus, ReadOptions, read_corpus
from agora.reader.documents import ReadLimits, ReadResult, parse_text, read_file
from agora.reader.files import ContentFile, Layout, find_files, find_layout
from agora.reader.locate import locate, place, places_of
from agora.reader.markdown import split_front_matter, split_sections
from agora.reader.memo import ReadMemo
from agora.reader.yamltree import YamlError, YamlLimits, load_yaml, position_of

__all__ = [
    "ContentFile",
    "Corpus",
    "Layout",
    "ReadLimits",
    "ReadMemo",
    "ReadOptions",
    "ReadResult",
    "YamlError",
    "YamlLimits",
    "find_files",
    "find_layout",
    "load_yaml",
    "locate",
    "parse_text",
    "place",
    "places_of",
    "position_of",
    "read_corpus",
    "read_file",
    "split_front_matter",
    "split_sections",
]
