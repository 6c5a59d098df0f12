"""Being written (issue 4)."""
from web.blueprint import Blueprint

blp = Blueprint("notifications", __name__, url_prefix="/notifications")
