"""Regenerate clients/python, the typed Python client for integrators, from the OpenAPI
document the service serves (`make client`; tests/test_generated_client.py checks
that the copy in the repository is current).

    .venv/bin/python scripts/generate_client.py [--output DIR]

Needs the development tools (requirements-dev.txt: openapi-python-client, and ruff,
which formats its output); no database or Redis: the document is built in-process.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
CLIENT = ROOT / "clients" / "python"
CONFIG = ROOT / "clients" / "openapi-python-client.yaml"


def openapi_document() -> dict:
    from web.app import create_app

    return create_app().test_client().get("/api/v1/openapi.json").json


def generate(output: Path) -> None:
    with tempfile.TemporaryDirectory() as work:
        spec = Path(work) / "openapi.json"
        spec.write_text(json.dumps(openapi_document(), indent=2, sort_keys=True))
        # PATH: the generator formats its output with the venv's ruff.
        env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
        result = subprocess.run(
            [str(BIN / "openapi-python-client"), "generate", "--path", str(spec),
             "--config", str(CONFIG), "--meta", "pdm", "--output-path", str(output),
             "--overwrite", "--fail-on-warning"],
            capture_output=True, text=True, env=env, cwd=work, timeout=300)
    if result.returncode != 0:
        raise SystemExit(f"generation failed:\n{result.stdout}{result.stderr}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=CLIENT)
    generate(parser.parse_args().output.resolve())


if __name__ == "__main__":
    main()
