"""TODO: being written."""
from flask_smorest import Blueprint

blp = Blueprint("operations", __name__, url_prefix="/operations")
