"""TODO: being written."""
from flask_smorest import Blueprint

blp = Blueprint("wallets", __name__, url_prefix="/wallets")
