"""Being written (issue 4)."""
from web.blueprint import Blueprint

blp = Blueprint("webhooks", __name__, url_prefix="/webhooks")
