"""Being written (issue 4)."""
from web.blueprint import Blueprint

blp = Blueprint("admin_disputes", __name__, url_prefix="/admin/disputes")
