"""TODO: being written."""
from flask_smorest import Blueprint

blp = Blueprint("admin", __name__, url_prefix="/admin")
