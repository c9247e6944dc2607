# Runs ../shared/bench/py_search.py with its clock swapped for the process CPU clock, so that the
# times it prints are CPU seconds (the machine is shared: wall time measures the other jobs too).
import os, runpy, sys, time
time.time = time.process_time
sys.argv = ["py_search.py"] + sys.argv[1:]
runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "bench", "py_search.py"), run_name="__main__")
