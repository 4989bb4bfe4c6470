"""Start-up: help without heavy imports, a lazy public API, and Ctrl-C handled from kg's first moment.

What is imported depends on the whole process, so these checks run in fresh interpreters.
"""

from __future__ import annotations

import pkgutil
import signal
import subprocess
import sys
import time
from importlib.metadata import entry_points
from pathlib import Path

import pytest

import kg
from kg.views import rdf_formats
from tests.helpers import ROOT, SEEDS

HEAVY = ("spacy", "thinc", "rdflib", "pyoxigraph", "oxrdflib", "networkx", "pyshacl", "owlrl", "dask", "pyvis")


def run_python(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_help_of_kg_and_of_every_command_imports_no_heavy_library():
    loaded = run_python(
        "import sys, typer\n"
        "from typer.testing import CliRunner\n"
        "from kg.cli import app\n"
        "runner = CliRunner()\n"
        "commands = sorted(typer.main.get_command(app).commands)\n"
        "for args in [['--help'], ['--version'], *([name, '--help'] for name in commands)]:\n"
        "    result = runner.invoke(app, args)\n"
        "    assert result.exit_code == 0 and 'kg' in result.output, (args, result.output)\n"
        "assert len(commands) >= 9, commands\n"
        f"print(' '.join(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))))\n"
    )
    assert loaded.split() == []


def test_import_kg_is_light_and_its_public_names_load_on_first_use():
    loaded = run_python(
        "import sys, kg\n"
        f"before = sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))\n"
        "assert kg.__version__ and 'build' in dir(kg) and set(kg.__all__) <= set(dir(kg))\n"
        "graph = kg.KnowledgeGraph\n"
        "print(' '.join(before), '|', graph.__module__)\n"
    )
    assert loaded.split() == ["|", "kg.model"]


def test_no_public_name_is_also_a_submodule_so_importing_every_module_hides_none():
    """Importing a submodule binds it on its package: a public name shared with a submodule would be hidden."""
    modules = {info.name.rsplit(".", 1)[-1] for info in pkgutil.walk_packages(kg.__path__, "kg.")}
    assert not modules & set(kg.__all__)
    printed = run_python(
        "import pkgutil, importlib, kg\n"
        "for info in pkgutil.walk_packages(kg.__path__, 'kg.'):\n"
        "    importlib.import_module(info.name)\n"
        "print(kg.build.__module__, kg.extract.__module__, kg.merge.__name__, kg.write.__name__, kg.sparql.__name__)\n"
    )
    assert printed.split() == ["kg.pipeline", "kg.pipeline", "merge", "write_views", "sparql"]


def test_unknown_names_are_still_attribute_errors():
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        kg.nothing_here  # noqa: B018


def test_the_format_registry_lists_the_rdf_formats_kg_views_rdf_writes():
    from kg.views.rdf import RDF_FORMATS

    assert rdf_formats() == tuple(RDF_FORMATS)


def test_the_console_script_is_the_interrupt_safe_entry_point():
    (script,) = entry_points(group="console_scripts", name="kg")
    assert script.value == "kg.__main__:main"


def wait_until_mapped(pid: int, path_part: str) -> None:
    """Wait until the process has mapped a compiled module whose path contains ``path_part``: it is importing it."""
    maps = Path(f"/proc/{pid}/maps")
    for _ in range(2000):
        if path_part in maps.read_text():
            return
        time.sleep(0.005)
    pytest.fail(f"nothing matching {path_part} was ever imported")


# Moments marked by a compiled module the command maps into memory: pure-Python imports leave no such trace, and
# wall time alone may still fall in Python's own start-up on a loaded machine (see docs/reliability.md).
MOMENTS = {
    "while numpy imports": ("/numpy/", 0.0),
    "while spacy imports": ("/spacy/", 0.0),
    "0.5 s after spacy": ("/spacy/", 0.5),
}


@pytest.mark.parametrize("moment", MOMENTS)
def test_ctrl_c_during_start_up_is_one_line_exit_130_and_writes_nothing(tmp_path, moment):
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "build", str(SEEDS), "-o", str(tmp_path / "x")],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    mapped, then = MOMENTS[moment]
    wait_until_mapped(process.pid, mapped)
    time.sleep(then)
    if process.poll() is not None:  # on a machine this loaded the whole build ran before the test could look again
        process.communicate()
        pytest.skip(f"the build ended before the moment '{moment}' could be interrupted")
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert "Traceback" not in err
    assert err.splitlines() == ["kg: interrupted"]
    # 130, or killed by SIGINT, which a shell also shows as 130: now and then CPython ends an interrupted process
    # that way although kg caught the KeyboardInterrupt (seen about once in 20 runs, during the imports).
    assert process.returncode in (130, -signal.SIGINT)
    assert list(tmp_path.iterdir()) == []


def test_the_program_skips_pythons_last_full_collection_at_exit():
    # atexit runs last-registered first: kg.cli's hook runs before this probe, registered before kg.cli is imported
    probe = "import atexit, gc; atexit.register(lambda: print('frozen', gc.get_freeze_count() > 0)); import kg.cli"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "frozen True"
