"""The explorer: ipywidgets controls for one case's assumptions, the plan and a what-if side by
side, updated at once (:mod:`model.explorer.app`); run in JupyterLab or as a Voilà page."""
