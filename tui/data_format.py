"""The data file's constants, in one module that imports nothing.

The full store, the shell's quick line for prompts and the paths all name the same format
version, environment variable and weekday words; each reads them from here, so none can drift
from the others (the quick line cannot afford the imports the store brings).
"""

SCHEMA_VERSION = 4
"""The data format Attune writes, and the newest it reads."""
DATA_ENVIRONMENT_VARIABLE = "ATTUNE_DATA"
"""Names the data file when `--data` is not given."""
DATA_FILE_NAME = "attune.json"
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
"""The words the file stores for a weekday (the check-in day, the week's first day)."""
