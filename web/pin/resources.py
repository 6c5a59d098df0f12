"""TODO: being written."""
from flask_smorest import Blueprint

blp = Blueprint("pin", __name__, url_prefix="/pin")
