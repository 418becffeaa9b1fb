//! A site's robots.txt rules for Marsad, parsed by `texting_robots`.

use std::sync::Arc;
use std::time::Duration;

use texting_robots::Robot;

#[derive(Clone)]
pub struct Rules {
    robot: Option<Arc<Robot>>,
    allow: bool,
    pub delay: Option<Duration>,
}

impl Rules {
    pub fn allow_all() -> Rules {
        Rules { robot: None, allow: true, delay: None }
    }

    pub fn disallow_all() -> Rules {
        Rules { robot: None, allow: false, delay: None }
    }

    /// A file that cannot be parsed is treated as allowing all, as a
    /// missing one is.
    pub fn parse(agent: &str, txt: &[u8]) -> Rules {
        match Robot::new(agent, txt) {
            Ok(robot) => {
                let delay = robot.delay.filter(|d| *d > 0.0).and_then(|d| Duration::try_from_secs_f32(d).ok());
                Rules { robot: Some(Arc::new(robot)), allow: true, delay }
            }
            Err(e) => {
                tracing::warn!("robots.txt unreadable, treated as allowing all: {e}");
                Rules::allow_all()
            }
        }
    }

    pub fn allowed(&self, url: &str) -> bool {
        match &self.robot {
            Some(robot) => robot.allowed(url),
            None => self.allow,
        }
    }
}
