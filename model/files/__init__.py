"""Writing files: workbooks, the files of a run, output folders, and text made safe for spreadsheets.

* ``workbook.py``     Excel workbooks of a run and of committee tables
* ``sheets.py``       one table as a worksheet: number formats, bold bordered frozen header, widths, wrapping
* ``print_setup.py``  A4 one page wide, print titles, header and footer with case, council and run date
* ``excel_charts.py`` native Excel line charts (the gap, cumulative net benefit) on a Charts sheet
* ``live_model.py``   ``model.xlsx``: the deterministic projection as live formulas over labelled inputs (About
                      sheet, the writer); ``live_inputs.py`` the Inputs sheet, ``live_timing.py`` the Timing
                      sheet, ``live_scenarios.py`` and ``live_successors.py`` a sheet per scenario,
                      ``live_cells.py`` the plain layout (one formula per row, years across, cached values)
* ``outputs.py``      the files of a run, written atomically
* ``cell_safety.py``  text that a spreadsheet would read as a formula, neutralised in every CSV and workbook
* ``out_folder.py``   which ``--out`` may be written: checks, the marker, the lock, stale leftovers
* ``paths.py``        safe file names from ids
"""
