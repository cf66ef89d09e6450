#!/usr/bin/env python3
"""Derive Lanyard's constraint/error tables from botocore's service models.

Regenerate (from the repository root, with botocore installed for python3):
    python3 protocol/src/main/scripts/derive-model-tables.py
then commit protocol/src/main/resources/dev/lanyard/protocol/model/*.json.

Why: the AWS SDK for Java v2 model classes carry member names and wire locations but neither the
constraints (required, length, pattern, enum, range) nor the error codes and HTTP statuses; botocore's
service-2.json has both. We keep only what request validation and error translation need, so the tables
stay small and reviewable, and we record the botocore version they came from.

Corrections to AWS's models live in MODEL_CORRECTIONS below, one line of reason each, and nowhere else.
Standard library only.
"""

import gzip
import json
import os
import sys

# signing name -> botocore folder
SERVICES = {
    "iam": "iam",
    "sts": "sts",
    "ec2": "ec2",
    "autoscaling": "autoscaling",
    "elasticmapreduce": "emr",
}

# (botocore folder, shape name, key) -> corrected value
MODEL_CORRECTIONS = {
    # A '^' in the middle of the pattern makes it unsatisfiable: no ARN could ever pass.
    ("ec2", "PlacementGroupArn", "pattern"):
        "^arn:aws([a-z-]+)?:ec2:[a-z\\d-]+:\\d{12}:placement-group/.{1,255}$",
    # The surrogate range is written \uD800\uDBFF-\uDC00\uDFFF (pairs split the wrong way), which rejects every
    # character outside the Basic Multilingual Plane; EMR's XmlString spells it \uD800\uDC00-\uDBFF\uDFFF.
    ("emr", "UriString", "pattern"):
        "[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\n\\t]*",
}

STRING_KEYS = ("min", "max", "pattern", "enum")
NUMBER_KEYS = ("min", "max")


def botocore_data_directory():
    import botocore
    return os.path.join(os.path.dirname(botocore.__file__), "data"), botocore.__version__


def load_model(data_directory, folder):
    service_directory = os.path.join(data_directory, folder)
    version = sorted(os.listdir(service_directory))[-1]
    path = os.path.join(service_directory, version, "service-2.json")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as file:
            return version, json.load(file)
    with gzip.open(path + ".gz", "rt", encoding="utf-8") as file:
        return version, json.load(file)


def wire_name(protocol, member_name, member):
    if protocol == "ec2":
        # EC2 query serialization: queryName, else the locationName capitalized, else the member name
        if "queryName" in member:
            return member["queryName"]
        if "locationName" in member:
            location = member["locationName"]
            return location[0].upper() + location[1:]
        return member_name
    return member.get("locationName", member_name)


def compact_shape(protocol, folder, name, shape):
    kind = shape["type"]
    result = {"type": kind}
    if kind == "structure":
        members = {}
        for member_name, member in shape.get("members", {}).items():
            entry = {"shape": member["shape"]}
            wire = wire_name(protocol, member_name, member)
            if wire != member_name:
                entry["wireName"] = wire
            members[member_name] = entry
        result["members"] = members
        if shape.get("required"):
            result["required"] = shape["required"]
    elif kind == "string":
        for key in STRING_KEYS:
            if key in shape:
                result[key] = shape[key]
    elif kind in ("integer", "long", "double", "float"):
        for key in NUMBER_KEYS:
            if key in shape:
                result[key] = shape[key]
    elif kind == "list":
        result["member"] = shape["member"]["shape"]
        member_wire = shape["member"].get("locationName")
        if member_wire is not None:
            result["memberWireName"] = member_wire
        for key in NUMBER_KEYS:
            if key in shape:
                result[key] = shape[key]
    elif kind == "map":
        result["key"] = shape["key"]["shape"]
        result["value"] = shape["value"]["shape"]
        for key in NUMBER_KEYS:
            if key in shape:
                result[key] = shape[key]
    elif kind == "blob":
        for key in NUMBER_KEYS:
            if key in shape:
                result[key] = shape[key]
    for (correction_folder, shape_name, key), value in MODEL_CORRECTIONS.items():
        if correction_folder == folder and shape_name == name:
            result[key] = value
    return result


def referenced_shapes(shape):
    kind = shape["type"]
    if kind == "structure":
        return [member["shape"] for member in shape.get("members", {}).values()]
    if kind == "list":
        return [shape["member"]["shape"]]
    if kind == "map":
        return [shape["key"]["shape"], shape["value"]["shape"]]
    return []


def derive(folder, model_version, model, botocore_version):
    metadata = model["metadata"]
    protocol = metadata["protocol"]
    shapes = model["shapes"]

    operations = {}
    reachable = []
    seen = set()
    for name in sorted(model["operations"]):
        operation = model["operations"][name]
        entry = {}
        if "input" in operation:
            entry["input"] = operation["input"]["shape"]
            reachable.append(operation["input"]["shape"])
        if "output" in operation:
            entry["output"] = operation["output"]["shape"]
        entry["errors"] = [error["shape"] for error in operation.get("errors", [])]
        operations[name] = entry

    input_shapes = {}
    while reachable:
        name = reachable.pop()
        if name in seen:
            continue
        seen.add(name)
        input_shapes[name] = compact_shape(protocol, folder, name, shapes[name])
        reachable.extend(referenced_shapes(shapes[name]))

    errors = {}
    for name in sorted(shapes):
        shape = shapes[name]
        if not (shape.get("exception") or shape.get("fault") or "error" in shape):
            continue
        error = shape.get("error", {})
        fault = bool(shape.get("fault"))
        errors[name] = {
            "code": error.get("code", name),
            "httpStatusCode": error.get("httpStatusCode", 500 if fault else 400),
            "senderFault": error.get("senderFault", False) if "error" in shape else not fault,
        }

    return {
        "botocoreVersion": botocore_version,
        "modelVersion": model_version,
        "metadata": {
            "apiVersion": metadata["apiVersion"],
            "protocol": protocol,
            "xmlNamespace": metadata.get("xmlNamespace"),
            "targetPrefix": metadata.get("targetPrefix"),
        },
        "operations": operations,
        "shapes": dict(sorted(input_shapes.items())),
        "errors": errors,
    }


def main():
    script_directory = os.path.dirname(os.path.abspath(__file__))
    output_directory = os.path.join(script_directory, "..", "resources", "dev", "lanyard", "protocol", "model")
    os.makedirs(output_directory, exist_ok=True)
    data_directory, botocore_version = botocore_data_directory()
    for signing_name, folder in SERVICES.items():
        model_version, model = load_model(data_directory, folder)
        table = derive(folder, model_version, model, botocore_version)
        path = os.path.join(output_directory, signing_name + ".json")
        with open(path, "w", encoding="utf-8") as file:
            # one shape or operation per line: compact, yet a regeneration diffs line by line
            file.write(format_table(table))
        print(f"{signing_name}: {len(table['operations'])} operations, {len(table['shapes'])} shapes, "
              f"{len(table['errors'])} errors -> {os.path.relpath(path)}", file=sys.stderr)


def format_table(table):
    lines = ["{"]
    keys = list(table)
    for index, key in enumerate(keys):
        value = table[key]
        comma = "," if index < len(keys) - 1 else ""
        if key in ("operations", "shapes", "errors"):
            lines.append(f"{json.dumps(key)}: {{")
            entries = list(value.items())
            for entry_index, (name, entry) in enumerate(entries):
                entry_comma = "," if entry_index < len(entries) - 1 else ""
                lines.append(f"  {json.dumps(name)}: {json.dumps(entry, separators=(',', ':'), ensure_ascii=False)}{entry_comma}")
            lines.append("}" + comma)
        else:
            lines.append(f"{json.dumps(key)}: {json.dumps(value, separators=(',', ':'))}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
