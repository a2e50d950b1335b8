"""Writing files: workbooks, the files of a run, output folders, and text made safe for spreadsheets.

* ``workbook.py``     Excel workbooks of a run and of committee tables
* ``outputs.py``      the files of a run, written atomically
* ``cell_safety.py``  text that a spreadsheet would read as a formula, neutralised in every CSV and workbook
* ``out_folder.py``   which ``--out`` may be written: checks, the marker, the lock, stale leftovers
* ``paths.py``        safe file names from ids
"""
