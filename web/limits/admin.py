"""Being written (issue 3)."""
from web.blueprint import Blueprint

blp = Blueprint("admin_limits", __name__, url_prefix="/admin/limits")
