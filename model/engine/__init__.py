"""The projection: a validated case as arrays, and the numpy engine over them.

* ``inputs.py``         assumptions -> arrays (in-scope costs, sharing keys applied, staff costs)
* ``profile.py``        ``staff.csv`` / ``staff_bands.csv`` -> a weighted staff profile
* ``costing.py``        per-FTE redundancy and strain costs, and staffing rates, for the inputs
* ``optimism_bias.py``  the Green Book uplift and haircut each initiative gets; the adjusted inputs
* ``projection.py``     the projection over [draws x] scenarios x councils x years

The engine never reads files; nothing here writes text.
"""
from .inputs import EngineInputs, build_inputs
from .projection import Projection, project

__all__ = ["EngineInputs", "Projection", "build_inputs", "project"]
