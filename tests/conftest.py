import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from casebuilder import minimal_spec, write_case  # noqa: E402


@pytest.fixture
def spec():
    """The minimal two-council case as dicts; change it, then call ``write``."""
    return minimal_spec()


@pytest.fixture
def write(tmp_path):
    def _write(spec=None, name="mini"):
        return write_case(tmp_path / name, spec)
    return _write
