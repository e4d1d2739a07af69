#!/usr/bin/env python3
"""Validates a built site's /admin/config.yml against Decap CMS's own configuration schema.

    validate_config.py OUTPUT/admin/config.yml

The schema is decap-config.schema.json beside this file (Decap's configSchema.js and the
widgets' schema.js as JSON Schema; README.md says where from). What JSON Schema cannot say,
Decap checks with ajv-keywords' `uniqueItemProperties`: collection, file and field names are
unique; that is checked here in code.

The editor is read from the page beside the file (admin/index.html loads its script). For
Sveltia CMS, which reads Decap's format and documents more, one widening is made, and printed:
Decap's list and object widgets type `i18n` as a boolean, while Sveltia takes `duplicate` on
any field (CommonFieldProps in sveltia-cms's src/lib/types/public.js).

Before the real file, the validator is shown to fail: a few broken copies of the file must
each be refused, so that a schema that accepts anything cannot pass unnoticed.
"""

import copy
import json
import pathlib
import sys

import jsonschema
import yaml

HERE = pathlib.Path(__file__).resolve().parent


def load_schema(sveltia):
    schema = json.loads((HERE / "decap-config.schema.json").read_text(encoding="utf-8"))
    if sveltia:
        field_i18n = schema["definitions"]["field"]["properties"]["i18n"]
        for widget in ("list", "object"):
            schema["definitions"]["widget_" + widget]["properties"]["i18n"] = field_i18n
    return schema


def duplicate_names(config):
    """Decap's uniqueItemProperties: ['name'] on collections, files and every fields list."""
    problems = []

    def unique(items, where):
        seen = set()
        for item in items or []:
            name = item.get("name") if isinstance(item, dict) else None
            if name in seen:
                problems.append(f"{where}: the name {name!r} is used twice")
            seen.add(name)

    def fields(items, where):
        unique(items, where)
        for item in items or []:
            if isinstance(item, dict):
                fields(item.get("fields"), f"{where}.{item.get('name')}")
                fields(item.get("types"), f"{where}.{item.get('name')}")

    collections = config.get("collections") or []
    unique(collections, "collections")
    for collection in collections:
        name = collection.get("name")
        fields(collection.get("fields"), f"collections.{name}")
        unique(collection.get("files"), f"collections.{name}.files")
        for file in collection.get("files") or []:
            fields(file.get("fields"), f"collections.{name}.{file.get('name')}")
    return problems


def relations_point_at_collections(config):
    names = {c.get("name") for c in config.get("collections") or []}
    problems = []

    def walk(items, where):
        for item in items or []:
            if item.get("widget") == "relation" and item.get("collection") not in names:
                problems.append(f"{where}.{item.get('name')}: no collection {item.get('collection')!r}")
            walk(item.get("fields"), f"{where}.{item.get('name')}")

    for collection in config.get("collections") or []:
        walk(collection.get("fields"), f"collections.{collection.get('name')}")
    return problems


def problems(config, schema):
    validator = jsonschema.Draft7Validator(schema)
    found = [
        f"{'.'.join(str(p) for p in error.absolute_path) or 'config'}: {error.message}"
        for error in validator.iter_errors(config)
    ]
    return found + duplicate_names(config) + relations_point_at_collections(config)


def broken_copies(config):
    """Copies of the file with one real mistake each, which the check must refuse."""
    def first_field(copy_, widget):
        for collection in copy_["collections"]:
            for field in collection.get("fields") or []:
                if field.get("widget") == widget:
                    return field
        raise SystemExit(f"the self-test needs a {widget} field in the file")

    no_options = copy.deepcopy(config)
    del first_field(no_options, "select")["options"]
    bad_i18n = copy.deepcopy(config)
    first_field(bad_i18n, "datetime")["i18n"] = "copy"
    no_backend = copy.deepcopy(config)
    del no_backend["backend"]
    twice = copy.deepcopy(config)
    twice["collections"].append(copy.deepcopy(twice["collections"][0]))
    no_search = copy.deepcopy(config)
    del first_field(no_search, "relation")["search_fields"]
    return {
        "a select without options": no_options,
        "an unknown i18n mode": bad_i18n,
        "no backend": no_backend,
        "a collection twice": twice,
        "a relation without search_fields": no_search,
    }


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    path = pathlib.Path(sys.argv[1])
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    page = (path.parent / "index.html").read_text(encoding="utf-8")
    sveltia = "sveltia" in page
    schema = load_schema(sveltia)
    if sveltia:
        print("editor: Sveltia CMS (list and object fields may take `i18n: duplicate`)")
    for what, broken in broken_copies(config).items():
        if not problems(broken, schema):
            raise SystemExit(f"self-test: the check accepted a file with {what}")
    found = problems(config, schema)
    for problem in found:
        print(f"{path}: error: {problem}")
    if found:
        sys.exit(1)
    count = len(config["collections"])
    print(f"{path}: valid against Decap CMS's configuration schema ({count} collections)")


if __name__ == "__main__":
    main()
