"""Being written (issue 4)."""
from web.blueprint import Blueprint

blp = Blueprint("disputes", __name__, url_prefix="/disputes")
