"""requirements.txt is the service alone (what the Docker image installs); the tools
live in requirements-dev.txt. Every line is pinned, and everything the running code
imports comes from a distribution in the runtime set."""
from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNTIME_CODE = ["web", "domain", "db", "workers", "settings.py", "logs.py", "wsgi.py",
                "celeryconfig.py", "gunicorn.conf.py", "tracing.py"]
TOOLS = {"pytest", "pytest-timeout", "ruff", "schemathesis", "hypothesis", "matplotlib",
         "numpy", "openapi-python-client", "openapi-spec-validator", "aiosmtpd",
         "playwright", "honcho"}


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(file_name: str) -> dict[str, str]:
    pins = {}
    for line in (ROOT / file_name).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-r "):
            continue
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)(\[[a-z,]+\])?==(\S+)", line)
        assert match, f"{file_name}: not pinned with ==: {line!r}"
        pins[_normalise(match[1])] = match[3]
    return pins


def _top_level_imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_every_requirement_is_pinned_once_across_the_files():
    seen: dict[str, str] = {}
    for file_name in ("requirements.txt", "requirements-local.txt", "requirements-dev.txt"):
        for name in _pins(file_name):
            assert name not in seen, f"{name} pinned in {seen.get(name)} and {file_name}"
            seen[name] = file_name


def test_the_runtime_set_carries_no_development_tools():
    assert TOOLS.isdisjoint(_pins("requirements.txt"))
    assert "-r requirements.txt" in (ROOT / "requirements-local.txt").read_text()
    assert "-r requirements-local.txt" in (ROOT / "requirements-dev.txt").read_text()
    assert "requirements.txt" in (ROOT / "Dockerfile").read_text()
    assert "requirements-dev" not in (ROOT / "Dockerfile").read_text()


def test_everything_the_service_imports_is_in_the_runtime_set():
    files = [path for entry in RUNTIME_CODE for path in
             ((ROOT / entry).rglob("*.py") if (ROOT / entry).is_dir() else [ROOT / entry])
             if path.exists()]
    own = {path.name.removesuffix(".py") for path in ROOT.iterdir()} | {"conftest"}
    providers = packages_distributions()
    runtime = _pins("requirements.txt")
    missing = {}
    for path in files:
        for name in _top_level_imports(path) - own - set(sys.stdlib_module_names):
            dists = {_normalise(d) for d in providers.get(name, [])}
            if not dists & runtime.keys():
                missing[name] = str(path.relative_to(ROOT))
    assert not missing, f"imported by the service but not in requirements.txt: {missing}"
