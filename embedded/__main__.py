import sys

from embedded.runner import main

sys.exit(main())
