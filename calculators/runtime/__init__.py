"""The browser runtime: evaluation, input parsing and wording. Standard library only.

It is shipped to the browser as the engine zip and run there by Pyodide; the tests run the
same code in CPython and in Pyodide under Node. Nothing here imports ``calculators.build``.
"""
