"""Being written (issue 3)."""
from web.blueprint import Blueprint

blp = Blueprint("admin_kyc", __name__, url_prefix="/admin/kyc")
