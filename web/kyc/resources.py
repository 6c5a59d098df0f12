"""Being written (issue 3)."""
from web.blueprint import Blueprint

blp = Blueprint("kyc", __name__, url_prefix="/kyc")
