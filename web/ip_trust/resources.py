"""Being written (issue 3)."""
from web.blueprint import Blueprint

blp = Blueprint("ip_trust", __name__, url_prefix="/ip-trust")
