const jwt = require("jsonwebtoken");

function requireToken(req, res, next) {
  const header = req.headers.authorization || "";
  try {
    req.user = jwt.verify(header.replace("Bearer ", ""), process.env.JWT_SECRET);
    next();
  } catch (err) {
    res.status(401).end();
  }
}

module.exports = { requireToken };
