"""The rules every other layer lives by; this package imports nothing else from ``model``.

* ``errors.py``        how a problem is reported (``Problem``, ``CaseError``, clipping what is shown)
* ``bounds.py``        the documented limits on every number, and the check that results are finite
* ``years.py``         financial-year labels (``2016/17``) and offsets
* ``sharing.py``       sharing keys: how a partnership splits an amount between councils
* ``appraisal.py``     NPV, payback, gap met, and the one definition of each money threshold
                       (no gap, gap met, NPV positive, pays back)
* ``distributions.py`` sampling the distributions an assumption may carry (triangular, PERT, ...)
* ``green_book.py``    HM Treasury Green Book optimism bias categories (published uplifts)
* ``formats.py``       money, percentages, FTE and counts as text: one set of formats for sentences,
                       tables, workbooks and chart axes
"""
