"""TODO: being written."""
from flask_smorest import Blueprint

blp = Blueprint("transactions", __name__, url_prefix="/transactions")
