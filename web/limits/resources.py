"""Being written (issue 3)."""
from web.blueprint import Blueprint

blp = Blueprint("limits", __name__, url_prefix="/limits")
