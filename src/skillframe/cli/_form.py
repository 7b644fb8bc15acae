NAME="form"
HELP="x"
EXAMPLE=""
def configure(p): pass
def run(a,c): return 0
