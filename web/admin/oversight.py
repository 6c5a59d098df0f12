"""Being written (issue 4)."""
from web.blueprint import Blueprint

blp = Blueprint("admin_oversight", __name__, url_prefix="/admin")
